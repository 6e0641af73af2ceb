{
  type: 'line',
  data: {
    labels: ['January', 'February', 'March', 'April', 'May', 'June', 'July'],
    datasets: [
      {
        data: [-15, -80, 79, -11, -5, 33, -57],
        backgroundColor: 'rgb(255, 99, 132)',
        borderColor: 'rgb(255, 99, 132)',
        fill: false,
        borderDash: [5, 5],
        pointRadius: 15,
        pointStyle: 'triangle',
      },
      {
        data: [-86, 59, -70, -40, 40, 33, 16],
        backgroundColor: 'rgb(54, 162, 235)',
        borderColor: 'rgb(54, 162, 235)',
        fill: false,
        borderDash: [5, 5],
        pointRadius: [2, 4, 6, 18, 0, 12, 20],
        pointStyle: 'cross',
      },
      {
        data: [59, -65, -33, 0, -79, 95, -53],
        backgroundColor: 'rgb(75, 192, 192)',
        borderColor: 'rgb(75, 192, 192)',
        fill: false,
        pointRadius: 15,
        pointStyle: 'star',
      },
      {
        data: [73, 83, -19, 74, 16, -12, 8],
        backgroundColor: 'rgb(255, 205, 86)',
        borderColor: 'rgb(255, 205, 86)',
        fill: false,
        pointStyle: 'rect',
      },
    ],
  },
  options: {
    legend: {
      display: false,
    },
  },
}
